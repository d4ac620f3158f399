package coop.izek.workshop.workshops;

/** The seat types a request may name (STANDARD when it names none). */
public final class SeatTypes {

    public enum Requested {
        STANDARD, SOLIDARITY
    }

    private SeatTypes() {
    }

    public static Enrolment.SeatType of(Requested requested) {
        return requested == null || requested == Requested.STANDARD ? Enrolment.SeatType.STANDARD : Enrolment.SeatType.SOLIDARITY;
    }
}
