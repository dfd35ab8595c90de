package io.omnigate.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.Parallel;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRulesException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11: zone rules per location, parsed once and the same rules as {@link ZoneId#of}. */
class ZonesTest {

    /** Zones with DST both ways, half- and quarter-hour offsets, none at all, and odd rules. */
    private static final List<String> REAL_ZONES = List.of(
            "Europe/Rome",
            "America/New_York",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "America/St_Johns",
            "Asia/Kathmandu",
            "Asia/Kolkata",
            "Europe/Dublin",
            "Africa/Casablanca",
            "America/Sao_Paulo",
            "Pacific/Apia",
            "UTC",
            "Z",
            "GMT+2",
            "+05:30");

    @Test
    void theSameIdGivesTheSameInstance() {
        for (String id : REAL_ZONES) {
            ZoneId first = Zones.of(id);
            assertSame(first, Zones.of(new String(id)), id);
        }
    }

    @Test
    void aLocationsZoneComesFromTheCache() {
        assertSame(
                Zones.of("Europe/Rome"),
                TestLocations.inZone("L1", "Europe/Rome").zone());
    }

    @Test
    void threadsAskingForANewZoneAtOnceAllGetOneInstance() throws Exception {
        // offset ids make a fresh zone object per ZoneId.of call, so a lost race would show
        for (int minutes = 1; minutes <= 120; minutes++) {
            String id = String.format("UTC-%02d:%02d", 11 + minutes / 60, minutes % 60);
            List<ZoneId> zones = Parallel.run(4, () -> Zones.of(id));
            for (ZoneId zone : zones) {
                assertSame(zones.get(0), zone, id);
            }
        }
    }

    @Test
    void anInvalidIdThrowsAsZoneIdOfDoesEveryTime() {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThrows(ZoneRulesException.class, () -> Zones.of("Mars/Olympus_Mons"));
            assertThrows(DateTimeException.class, () -> Zones.of("not a zone"));
            assertThrows(DateTimeException.class, () -> Zones.of(""));
        }
        assertThrows(NullPointerException.class, () -> Zones.of(null));
    }

    @Test
    void rulesMatchZoneIdOfAcrossEveryTransitionOfTwoYears() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = Instant.parse("2028-01-01T00:00:00Z");
        int transitions = 0;
        for (String id : REAL_ZONES) {
            ZoneId cached = Zones.of(id);
            ZoneId parsed = ZoneId.of(id);
            assertEquals(parsed, cached, id);
            ZoneOffsetTransition next = parsed.getRules().nextTransition(from);
            while (next != null && next.getInstant().isBefore(until)) {
                transitions++;
                assertTransitionSeen(id, cached, next);
                next = parsed.getRules().nextTransition(next.getInstant());
            }
        }
        assertTrue(transitions >= 24, "the zones above change offset often: " + transitions);
    }

    private static void assertTransitionSeen(String id, ZoneId cached, ZoneOffsetTransition transition) {
        Instant at = transition.getInstant();
        assertEquals(transition.getOffsetBefore(), cached.getRules().getOffset(at.minusSeconds(1)), id + " " + at);
        assertEquals(transition.getOffsetAfter(), cached.getRules().getOffset(at), id + " " + at);
        if (transition.isGap()) {
            // a local time that does not exist moves forward by the gap
            assertEquals(
                    transition.getDateTimeAfter().plusSeconds(1),
                    ZonedDateTime.of(transition.getDateTimeBefore().plusSeconds(1), cached)
                            .toLocalDateTime(),
                    id);
        } else {
            // a local time that happens twice has both offsets, the earlier first
            assertEquals(
                    List.of(transition.getOffsetBefore(), transition.getOffsetAfter()),
                    cached.getRules()
                            .getValidOffsets(transition.getDateTimeAfter().plusSeconds(1)),
                    id);
        }
    }

    @Test
    void knownDaylightSavingChangesOf2026() {
        ZoneId rome = Zones.of("Europe/Rome");
        assertEquals(ZoneOffset.ofHours(1), rome.getRules().getOffset(Instant.parse("2026-03-29T00:59:59Z")));
        assertEquals(ZoneOffset.ofHours(2), rome.getRules().getOffset(Instant.parse("2026-03-29T01:00:00Z")));
        assertEquals(
                "2026-03-29T03:30+02:00[Europe/Rome]",
                ZonedDateTime.of(LocalDateTime.parse("2026-03-29T02:30"), rome).toString());

        ZoneId newYork = Zones.of("America/New_York");
        assertEquals(ZoneOffset.ofHours(-4), newYork.getRules().getOffset(Instant.parse("2026-11-01T05:59:59Z")));
        assertEquals(ZoneOffset.ofHours(-5), newYork.getRules().getOffset(Instant.parse("2026-11-01T06:00:00Z")));
        assertEquals(
                List.of(ZoneOffset.ofHours(-4), ZoneOffset.ofHours(-5)),
                newYork.getRules().getValidOffsets(LocalDateTime.parse("2026-11-01T01:30")));

        ZoneId lordHowe = Zones.of("Australia/Lord_Howe");
        assertEquals(
                ZoneOffset.ofHoursMinutes(10, 30),
                lordHowe.getRules().getOffset(Instant.parse("2026-07-01T00:00:00Z")));
        assertEquals(ZoneOffset.ofHours(11), lordHowe.getRules().getOffset(Instant.parse("2026-12-01T00:00:00Z")));

        ZoneId kolkata = Zones.of("Asia/Kolkata");
        assertNull(kolkata.getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z")));
    }
}
