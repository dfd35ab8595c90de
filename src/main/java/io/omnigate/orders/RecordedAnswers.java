package io.omnigate.orders;

import com.fasterxml.jackson.core.type.TypeReference;
import io.omnigate.security.OrderTokens;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A placement's answer as its idempotency record keeps it: the order's access token without its
 * signature, so the database holds no usable credential, and signed again when the record is
 * replayed, so a retry gets the very token the first answer carried.
 */
@ApplicationScoped
class RecordedAnswers {

    private final OrderRepository orders;
    private final OrderTokens tokens;

    RecordedAnswers(OrderRepository orders, OrderTokens tokens) {
        this.orders = orders;
        this.tokens = tokens;
    }

    /** The JSON the record stores for {@code answer}. */
    String of(OrderApi.OrderView answer) {
        String token = answer.accessToken();
        return orders.encode(token == null ? answer : answer.withAccessToken(OrderTokens.unsigned(token)));
    }

    /** The answer a record's JSON stands for, its token signed again. */
    OrderApi.OrderView replayed(String recorded) {
        OrderApi.OrderView answer = orders.decode(recorded, new TypeReference<OrderApi.OrderView>() {});
        String token = answer.accessToken();
        return token == null ? answer : answer.withAccessToken(tokens.resigned(token));
    }
}
