package io.omnigate.network;

/** A location found near a point, with its distance from that point. */
public record Nearby(Location location, double distanceKm) {}
