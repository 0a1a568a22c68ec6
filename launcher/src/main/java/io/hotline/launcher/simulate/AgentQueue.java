package io.hotline.launcher.simulate;

/**
 * A first-come-first-served queue in front of a fixed team of agents, with impatient callers.
 * Callers must be offered in the order they join. Each takes the agent who frees up first; a caller
 * whose wait would exceed their patience hangs up and takes no agent, a caller who finds the queue
 * full is blocked, and nobody is answered after the queue closes. Abandonment and waiting therefore
 * come out of the load, not out of a coin flip.
 */
final class AgentQueue {
  /** Outcomes of {@link #offer}. */
  static final int ANSWERED = 0;

  static final int ABANDONED = 1;
  static final int BLOCKED = 2;
  static final int CLOSED = 3;

  private static final int AGENT_BITS = 12;
  private static final long AGENT_MASK = (1L << AGENT_BITS) - 1;

  private final long opensAt;
  private final long closesAt;
  private final int capacity;
  // Agents keyed by the time they are next free (relative to opening), ties by agent index.
  private final LongHeap agents = new LongHeap();
  // When each caller still in the queue will leave it (answered or hung up).
  private final LongHeap waiting = new LongHeap();

  private long answeredAt;
  private int agent;

  /**
   * @param agentCount agents on duty, all free at {@code opensAt}
   * @param firstAgent index of the first agent (their work numbers follow from the centre)
   * @param closesAt no call is answered at or after this time; {@code Long.MAX_VALUE} for 7×24
   * @param capacity callers the queue holds before new ones are blocked
   */
  AgentQueue(int agentCount, int firstAgent, long opensAt, long closesAt, int capacity) {
    if (agentCount + firstAgent > AGENT_MASK) {
      throw new IllegalArgumentException("too many agents: " + (agentCount + firstAgent));
    }
    this.opensAt = opensAt;
    this.closesAt = closesAt;
    this.capacity = capacity;
    for (int i = 0; i < agentCount; i++) {
      agents.add(firstAgent + i);
    }
  }

  /**
   * Offers a caller who asks for an agent at {@code queuedAt} and will wait at most {@code
   * patience} ms. When answered, {@link #answeredAt()} and {@link #agent()} tell when and by whom,
   * and the caller must {@link #release} the agent.
   */
  int offer(long queuedAt, long patience) {
    while (!waiting.isEmpty() && waiting.peek() <= queuedAt) {
      waiting.poll();
    }
    if (waiting.size() >= capacity) {
      return BLOCKED;
    }
    long top = agents.peek();
    long start = Math.max(queuedAt, opensAt + (top >>> AGENT_BITS));
    long givesUp = queuedAt + patience;
    if (start > givesUp) {
      waiting.add(givesUp);
      return givesUp < closesAt ? ABANDONED : CLOSED;
    }
    if (start >= closesAt) {
      waiting.add(closesAt);
      return CLOSED;
    }
    agents.poll();
    waiting.add(start);
    answeredAt = start;
    agent = (int) (top & AGENT_MASK);
    return ANSWERED;
  }

  long answeredAt() {
    return answeredAt;
  }

  int agent() {
    return agent;
  }

  /** The agent answered last is free again at {@code freeAt} (after talk and wrap-up). */
  void release(int agentIndex, long freeAt) {
    agents.add(((freeAt - opensAt) << AGENT_BITS) | agentIndex);
  }

  long closesAt() {
    return closesAt;
  }
}
