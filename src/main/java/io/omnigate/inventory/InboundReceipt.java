package io.omnigate.inventory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An expected receipt (transfer, replenishment): the source of "next available" windows. */
@Entity
@Table(name = "inbound_receipt")
public class InboundReceipt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "inbound_receipt_seq")
    @SequenceGenerator(name = "inbound_receipt_seq", sequenceName = "inbound_receipt_seq", allocationSize = 50)
    public Long id;

    @Column(name = "location_id", nullable = false, columnDefinition = "text")
    public String locationId;

    @Column(nullable = false, columnDefinition = "text")
    public String sku;

    @Column(nullable = false)
    public int qty;

    @Column(nullable = false)
    public OffsetDateTime eta;

    @Column(columnDefinition = "text")
    public String reference;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
