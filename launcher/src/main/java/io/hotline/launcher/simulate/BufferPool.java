package io.hotline.launcher.simulate;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Written-out event buffers kept per centre for the centre's next days. Reuse matters: a national
 * day is hundreds of megabytes of JSON, and allocating it afresh every day costs more in page
 * faults and garbage collection than generating it. Buffers stay with their centre so that a small
 * city never holds a buffer grown for Beijing.
 */
final class BufferPool {
  private final Map<String, Queue<EventBuffer>> free = new ConcurrentHashMap<>();

  /** A buffer for this centre: one it used before, or a new one. */
  EventBuffer take(Center center) {
    Queue<EventBuffer> q = free.get(center.code());
    EventBuffer b = q == null ? null : q.poll();
    return b != null ? b : new EventBuffer(center.code(), CenterDay.expectedEvents(center));
  }

  /** Returns a buffer whose events have all been written. */
  void give(EventBuffer buffer) {
    free.computeIfAbsent(buffer.owner(), c -> new ConcurrentLinkedQueue<>()).add(buffer);
  }
}
