/**
 * The call simulator behind {@code hotline simulate}: realistic, reproducible 12333/12370/12385
 * traffic (CDRs, recordings, SMS) for any set of centres and days.
 *
 * <p>How it works: {@link io.hotline.launcher.simulate.Centers} sizes each centre from its tier
 * (Nanjing: about 4,000 calls on a working day and some 45 seats); a demand model gives Poisson
 * arrivals by half-hour with weekly, annual, holiday and exam-season factors; callers go through
 * the IVR and, in service hours, a first-come-first-served queue with impatient callers, so waits
 * and abandonment follow the load; planned {@link io.hotline.launcher.simulate.TopicSurge}s raise
 * one topic's share for some days in some provinces. Every centre-day draws from its own seeded
 * streams and the writer orders events by emission time, so the same arguments give the same bytes
 * whatever the number of threads. Faults (duplicates, truncated JSON, broken invariants, late
 * delivery) are injected only on request.
 */
package io.hotline.launcher.simulate;
