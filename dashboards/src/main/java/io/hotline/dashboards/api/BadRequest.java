package io.hotline.dashboards.api;

/** A request parameter is missing or not one of the known values; answered with 400. */
public final class BadRequest extends RuntimeException {
  public BadRequest(String message) {
    super(message);
  }
}
