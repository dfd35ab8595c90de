package io.omnigate.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParcelSizeTest {

    @Test
    void aParcelFitsACompartmentOfItsSizeOrLarger() {
        assertEquals(List.of(ParcelSize.S, ParcelSize.M, ParcelSize.L), ParcelSize.S.fittingCompartments());
        assertEquals(List.of(ParcelSize.M, ParcelSize.L), ParcelSize.M.fittingCompartments());
        assertEquals(List.of(ParcelSize.L), ParcelSize.L.fittingCompartments());
        for (ParcelSize parcel : ParcelSize.values()) {
            for (ParcelSize compartment : ParcelSize.values()) {
                assertEquals(
                        parcel.fittingCompartments().contains(compartment),
                        parcel.fits(compartment),
                        parcel + " in " + compartment);
            }
        }
        assertFalse(ParcelSize.L.fits(ParcelSize.M));
    }

    @Test
    void aLockerOffersAParcelOnlyACompartmentItFits() {
        Map<ParcelSize, Integer> smallOnes = Map.of(ParcelSize.S, 10, ParcelSize.M, 0);
        assertTrue(ParcelSize.S.fitsAny(smallOnes));
        assertFalse(ParcelSize.M.fitsAny(smallOnes));
        assertTrue(ParcelSize.M.fitsAny(Map.of(ParcelSize.L, 1)));
        assertFalse(ParcelSize.S.fitsAny(Map.of()));
    }

    @Test
    void aCartIsAsLargeAsItsLargestItem() {
        assertEquals(ParcelSize.L, ParcelSize.S.max(ParcelSize.L));
        assertEquals(ParcelSize.M, ParcelSize.M.max(ParcelSize.S));
    }

    @Test
    void storedNamesAreTheEnumNamesAndNoneIsTheDefault() {
        for (ParcelSize size : ParcelSize.values()) {
            assertEquals(size, ParcelSize.stored(size.name()));
        }
        assertEquals(ParcelSize.M, ParcelSize.DEFAULT);
        assertEquals(ParcelSize.DEFAULT, ParcelSize.stored(null));
    }
}
