package io.hotline.schemas.reference;

/** The three levels of the hotline organisation: ministry (nation), province and city. */
public enum RegionLevel {
  NATION,
  PROVINCE,
  CITY
}
