package io.omnigate.carriers;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every carrier configured for this instance: the table-rate one and each named HTTP carrier.
 * Built at start, so the first checkout does not pay for creating REST clients.
 */
@Startup
@ApplicationScoped
public class Carriers {

    private final List<Carrier> all;

    Carriers(CarriersConfig config) {
        List<Carrier> carriers = new ArrayList<>();
        if (config.tableRate().enabled()) {
            carriers.add(new TableRateCarrier(config.tableRate()));
        }
        for (Map.Entry<String, CarriersConfig.Http> http : config.http().entrySet()) {
            carriers.add(new HttpCarrier(http.getKey(), http.getValue(), config));
        }
        this.all = List.copyOf(carriers);
    }

    public List<Carrier> all() {
        return all;
    }
}
