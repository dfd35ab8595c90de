package io.omnigate.inventory;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The SKUs known to exist, in memory, so a placement checks its lines without a query. Loaded in
 * the background at start and grown by SKU writes on this instance; a SKU not (yet) in memory is
 * looked up in SQL before it is called unknown, so SKUs another instance created work at once.
 */
@ApplicationScoped
public class SkuCatalog {

    private static final Logger LOG = Logger.getLogger(SkuCatalog.class);

    private final Pool pool;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    SkuCatalog(Pool pool) {
        this.pool = pool;
    }

    void load(@Observes StartupEvent event) {
        pool.query("select sku from sku")
                .execute()
                .subscribe()
                .with(
                        rows -> {
                            for (Row row : rows) {
                                known.add(row.getString(0));
                            }
                            LOG.debugf("SKU catalogue loaded: %d SKUs", known.size());
                        },
                        failure -> LOG.warnf(
                                "SKU catalogue not preloaded (SKUs are checked in SQL instead): %s", failure));
    }

    /** Records SKUs written on this instance. */
    public void addAll(Collection<String> skus) {
        known.addAll(skus);
    }

    /** The SKUs of {@code skus} that do not exist, in their order; one query only when memory does not know some. */
    public Uni<List<String>> unknown(Collection<String> skus) {
        List<String> missing = new ArrayList<>();
        for (String sku : new LinkedHashSet<>(skus)) {
            if (!known.contains(sku)) {
                missing.add(sku);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select sku from sku where sku = any($1)")
                .execute(Tuple.of((Object) missing.toArray(String[]::new)))
                .map(rows -> {
                    for (Row row : rows) {
                        known.add(row.getString(0));
                    }
                    return missing.stream().filter(sku -> !known.contains(sku)).toList();
                });
    }
}
