package io.hotline.launcher.simulate;

import java.util.Arrays;

/** A binary min-heap of primitive longs: no boxing on the queue's hot path. */
final class LongHeap {
  private long[] a = new long[64];
  private int n;

  int size() {
    return n;
  }

  boolean isEmpty() {
    return n == 0;
  }

  long peek() {
    return a[0];
  }

  void add(long v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2);
    }
    int i = n++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (a[parent] <= v) {
        break;
      }
      a[i] = a[parent];
      i = parent;
    }
    a[i] = v;
  }

  long poll() {
    long top = a[0];
    long last = a[--n];
    int i = 0;
    int half = n >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < n && a[child + 1] < a[child]) {
        child++;
      }
      if (last <= a[child]) {
        break;
      }
      a[i] = a[child];
      i = child;
    }
    if (n > 0) {
      a[i] = last;
    }
    return top;
  }
}
