package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first-come-first-served queue with impatient callers, step by step. */
class AgentQueueTest {
  private static final long OPENS = 1_000_000;
  private static final long CLOSES = OPENS + 3_600_000;
  private static final long PATIENT = 600_000;

  @Test
  void aFreeAgentAnswersAtOnce() {
    AgentQueue q = new AgentQueue(1, 0, OPENS, CLOSES, 10);
    assertThat(q.offer(OPENS + 5_000, PATIENT)).isEqualTo(AgentQueue.ANSWERED);
    assertThat(q.answeredAt()).isEqualTo(OPENS + 5_000);
    assertThat(q.agent()).isZero();
  }

  @Test
  void aCallerWaitsForTheFirstAgentToFreeUp() {
    AgentQueue q = new AgentQueue(2, 7, OPENS, CLOSES, 10);
    answer(q, OPENS, OPENS + 60_000);
    answer(q, OPENS + 1_000, OPENS + 30_000);
    assertThat(q.offer(OPENS + 2_000, PATIENT)).isEqualTo(AgentQueue.ANSWERED);
    assertThat(q.answeredAt()).isEqualTo(OPENS + 30_000);
    assertThat(q.agent()).isEqualTo(8);
  }

  @Test
  void anImpatientCallerHangsUpAndTakesNoAgent() {
    AgentQueue q = new AgentQueue(1, 0, OPENS, CLOSES, 10);
    answer(q, OPENS, OPENS + 60_000);
    assertThat(q.offer(OPENS + 1_000, 10_000)).isEqualTo(AgentQueue.ABANDONED);
    // The agent is still the one freeing at +60 s, for the next, patient caller.
    assertThat(q.offer(OPENS + 2_000, PATIENT)).isEqualTo(AgentQueue.ANSWERED);
    assertThat(q.answeredAt()).isEqualTo(OPENS + 60_000);
  }

  @Test
  void nobodyIsAnsweredAfterClosing() {
    AgentQueue q = new AgentQueue(1, 0, OPENS, CLOSES, 10);
    answer(q, CLOSES - 10_000, CLOSES + 120_000);
    assertThat(q.offer(CLOSES - 5_000, PATIENT)).isEqualTo(AgentQueue.CLOSED);
    assertThat(q.closesAt()).isEqualTo(CLOSES);
  }

  @Test
  void aFullQueueBlocksNewCallers() {
    long veryPatient = 2_000_000;
    AgentQueue q = new AgentQueue(1, 0, OPENS, CLOSES, 2);
    answer(q, OPENS, OPENS + 600_000);
    assertThat(q.offer(OPENS + 1_000, veryPatient)).isEqualTo(AgentQueue.ANSWERED);
    q.release(q.agent(), OPENS + 1_200_000);
    assertThat(q.offer(OPENS + 2_000, veryPatient)).isEqualTo(AgentQueue.ANSWERED);
    q.release(q.agent(), OPENS + 1_800_000);
    // Two callers are waiting (for +600 s and +1200 s): the queue holds no more.
    assertThat(q.offer(OPENS + 3_000, veryPatient)).isEqualTo(AgentQueue.BLOCKED);
    // Once the first of them has been answered, there is room again.
    assertThat(q.offer(OPENS + 600_001, veryPatient)).isEqualTo(AgentQueue.ANSWERED);
    assertThat(q.answeredAt()).isEqualTo(OPENS + 1_800_000);
  }

  private static void answer(AgentQueue q, long at, long freeAt) {
    assertThat(q.offer(at, PATIENT)).isEqualTo(AgentQueue.ANSWERED);
    q.release(q.agent(), freeAt);
  }
}
