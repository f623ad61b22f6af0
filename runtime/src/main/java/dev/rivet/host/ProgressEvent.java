package dev.rivet.host;

/**
 * One step of a proof's progress.
 *
 * @param phase the phase that just ended
 * @param fraction how much of the whole is done, from 0 to 1 (an estimate: phases are weighted by their usual share
 *     of the time)
 * @param elapsedMillis time since proving started
 */
public record ProgressEvent(String phase, double fraction, long elapsedMillis) {}
