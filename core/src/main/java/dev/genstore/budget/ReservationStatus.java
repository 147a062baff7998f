package dev.genstore.budget;

/** Where a reservation stands. Only ACTIVE ones whose expiry is in the future count against limits. */
public enum ReservationStatus {
    ACTIVE, SETTLED, CANCELLED, EXPIRED
}
