package io.omnigate.platform.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How popular each SKU is (Zipf, rank 1 the best seller): which SKU an inbound receipt brings and
 * how likely a store is to carry each one.
 */
final class SkuPopularity {

    private static final double ZIPF_EXPONENT = 1.0;
    private static final double MAX_STORE_CARRY_PROBABILITY = 0.95;

    private final double[] popularityCdf;
    private final double[] storeCarryWeight;

    /** For a catalogue of {@code skuCount} SKUs of which an average store carries {@code storeShare}. */
    SkuPopularity(int skuCount, double storeShare) {
        this.popularityCdf = popularityCdf(skuCount);
        this.storeCarryWeight = storeCarryWeights(skuCount, storeShare);
    }

    /** The chance that a store with {@code assortmentFactor} (1 is average) carries the SKU at {@code index}. */
    double storeCarryProbability(int index, double assortmentFactor) {
        return Math.min(MAX_STORE_CARRY_PROBABILITY, storeCarryWeight[index] * assortmentFactor);
    }

    /** Index of a SKU drawn with Zipf popularity: rank 1 is drawn most often. */
    int popularSkuIndex(SplittableRandom random) {
        int found = Arrays.binarySearch(popularityCdf, random.nextDouble());
        int index = found >= 0 ? found : -found - 1;
        return Math.min(index, popularityCdf.length - 1);
    }

    private static double[] popularityCdf(int skuCount) {
        double[] cdf = new double[skuCount];
        double total = 0;
        for (int rank = 1; rank <= skuCount; rank++) {
            total += 1.0 / Math.pow(rank, ZIPF_EXPONENT);
            cdf[rank - 1] = total;
        }
        for (int index = 0; index < skuCount; index++) {
            cdf[index] /= total;
        }
        return cdf;
    }

    /**
     * Per-rank weights c / rank^s, with c chosen so that an average store carries the configured
     * share of the catalogue once capped at {@link #MAX_STORE_CARRY_PROBABILITY}.
     */
    private static double[] storeCarryWeights(int skuCount, double share) {
        double target = share * skuCount;
        double low = 0;
        double high = skuCount;
        for (int iteration = 0; iteration < 60; iteration++) {
            double scale = (low + high) / 2;
            double expected = 0;
            for (int rank = 1; rank <= skuCount; rank++) {
                expected += Math.min(MAX_STORE_CARRY_PROBABILITY, scale / Math.pow(rank, ZIPF_EXPONENT));
            }
            if (expected < target) {
                low = scale;
            } else {
                high = scale;
            }
        }
        double[] weights = new double[skuCount];
        for (int rank = 1; rank <= skuCount; rank++) {
            weights[rank - 1] = high / Math.pow(rank, ZIPF_EXPONENT);
        }
        return weights;
    }
}
