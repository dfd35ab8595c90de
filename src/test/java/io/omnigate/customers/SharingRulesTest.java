package io.omnigate.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which recipients outside omnigate an order's flow involves, and which purposes govern them. */
class SharingRulesTest {

    @Test
    void eachRecipientClassIsInvolvedOnlyByTheFlowThatReachesIt() {
        assertEquals(
                Set.of(),
                CustomerContacts.involved(
                        new CustomerContacts.OrderContext("O", false, false, Channel.WEB, null), false));
        assertEquals(
                EnumSet.of(Purpose.SHARE_CARRIER),
                CustomerContacts.involved(
                        new CustomerContacts.OrderContext("O", true, false, Channel.APP, "acme"), true));
        assertEquals(
                EnumSet.of(Purpose.SHARE_LOCKER_OPERATOR, Purpose.SHARE_MARKETPLACE),
                CustomerContacts.involved(
                        new CustomerContacts.OrderContext("O", false, true, Channel.MARKETPLACE, null), false));
    }

    @Test
    void onlySharePurposesAreSharing() {
        for (Purpose purpose : Purpose.values()) {
            assertEquals(purpose.code().startsWith("share."), purpose.isSharing(), purpose.code());
            assertEquals(purpose, Purpose.ofCode(purpose.code()).orElseThrow());
        }
        assertTrue(Purpose.SHARE_LOCKER_OPERATOR.isSharing());
        assertFalse(Purpose.NOTIFY_EMAIL.isSharing());
        assertEquals("share.locker-operator", Purpose.SHARE_LOCKER_OPERATOR.code());
        assertEquals(Channel.MARKETPLACE, Channel.ofCode("marketplace"));
    }
}
