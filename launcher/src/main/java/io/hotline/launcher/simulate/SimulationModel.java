package io.hotline.launcher.simulate;

import io.hotline.schemas.reference.HolidayCalendar;
import io.hotline.schemas.reference.Topics;
import java.util.List;

/**
 * Everything a centre-day generator needs besides the centre and the day, shared read-only by the
 * worker threads: the seed, the demand model, the topic mix with its surges, and the fault rates.
 */
record SimulationModel(long seed, Demand demand, TopicMix topics, FaultRates faults) {

  static SimulationModel of(long seed, List<TopicSurge> surges, FaultRates faults) {
    return new SimulationModel(
        seed,
        new Demand(HolidayCalendar.standard()),
        new TopicMix(Topics.standard(), surges),
        faults);
  }
}
