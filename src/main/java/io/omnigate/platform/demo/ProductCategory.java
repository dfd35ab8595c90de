package io.omnigate.platform.demo;

import java.util.List;

/** Word lists that give generated SKUs believable names and parcel sizes. */
record ProductCategory(List<String> nouns, List<String> variants, List<String> parcelSizes) {

    static final List<String> ADJECTIVES = List.of(
            "Classic", "Lightweight", "Pro", "Urban", "Alpine", "Eco", "Compact", "Premium", "Trail", "Everyday");

    private static final List<String> COLOURS = List.of("black", "white", "navy", "red", "olive", "grey", "sand");

    static final List<ProductCategory> ALL = List.of(
            new ProductCategory(
                    List.of("running shoe", "hiking boot", "sneaker", "sandal", "walking shoe"),
                    List.of("36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46"),
                    List.of("M")),
            new ProductCategory(
                    List.of("t-shirt", "hoodie", "rain jacket", "fleece", "leggings", "shorts", "socks"),
                    List.of("XS", "S", "M", "L", "XL", "XXL"),
                    List.of("S", "S", "S", "M")),
            new ProductCategory(
                    List.of("cap", "water bottle", "headlamp", "sunglasses", "gloves", "phone case", "wallet"),
                    COLOURS,
                    List.of("S")),
            new ProductCategory(
                    List.of("desk lamp", "coffee grinder", "kettle", "frying pan", "chef knife", "backpack 20L"),
                    COLOURS,
                    List.of("S", "M", "M")),
            new ProductCategory(
                    List.of("tent 2p", "camping chair", "sleeping bag", "bike helmet", "yoga mat", "suitcase"),
                    COLOURS,
                    List.of("M", "L")));
}
