package io.hotline.dashboards.auth;

import io.hotline.schemas.reference.Regions;

/**
 * A dashboard user: name, role, the region it may see ({@code 000000} for the whole country) and
 * its bcrypt password hash.
 */
public record User(String name, Role role, String scope, String passwordHash) {

  /**
   * Whether the user may see a region's call data: ministry users everything, province users and
   * auditors their province and its cities, operators no call data at all. Checked on the server
   * for every data request, whatever the page asked for.
   */
  public boolean maySee(String region) {
    return switch (role) {
      case MINISTRY -> true;
      case PROVINCE, AUDITOR ->
          scope.equals(Regions.NATION)
              || region.equals(scope)
              || (!region.equals(Regions.NATION) && Regions.provinceOf(region).equals(scope));
      case OPERATOR -> false;
    };
  }
}
