package io.hotline.launcher.simulate;

/**
 * One simulated hotline centre and its size: the 12333 volume on a normal working day, the seats it
 * has installed, and how many agents staff the 12333/12370 queue (shared, as the two lines share a
 * back office) and the round-the-clock 12385 queue.
 *
 * @param code GB/T 2260 code of the city (or province-level unit) the centre serves
 * @param provinceCode the province it belongs to
 * @param name the region's name
 * @param tier the size class it was sized from
 * @param base12333 calls to 12333 on a normal mid-week working day
 * @param seats installed agent positions
 * @param agents12333 agents on duty in the 12333/12370 queue during service hours; fewer than the
 *     seats, because of rotas, breaks and the back office that answers voicemail
 * @param agents12385 agents on duty for 12385 at any hour (7×24)
 * @param agentNumberBase work numbers (工号) of this centre's agents are {@code agentNumberBase + 1}
 *     upwards
 */
public record Center(
    String code,
    String provinceCode,
    String name,
    Tier tier,
    int base12333,
    int seats,
    int agents12333,
    int agents12385,
    int agentNumberBase) {

  /** Size classes of centres, from the national capitals down to small prefecture cities. */
  public enum Tier {
    MUNICIPALITY,
    MEGACITY,
    CAPITAL,
    SMALL_CAPITAL,
    BIG_CITY,
    PREFECTURE,
    CORPS
  }

  /** The work number (工号) of agent {@code index} of this centre: five digits. */
  int agentNumber(int index) {
    return agentNumberBase + 1 + index;
  }
}
