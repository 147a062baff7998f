package dev.genstore.images;

import dev.genstore.errors.InvalidInputException;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How an image was (or is to be) post-processed, as the desktop generator records it. Every setting is optional
 * ({@code null} when not set); settings this record does not know are kept in {@link #extras()} and read back as they
 * were written, so an application can add its own without losing them.
 *
 * <p>Numbers keep their kind: a whole number ({@code jpgQuality} 90) is an {@link Integer} (a {@link Long} beyond the
 * {@code int} range, a {@link BigInteger} beyond {@code long}) and reads back as that, never as {@code 90.0}; a number
 * with a fraction or exponent ({@code sharpening} 1.5, or {@code 90.0} written as a {@code double}) is a {@link Double}.
 * These are the types a JSON reader gives, so what is written equals what every backend reads back. A
 * {@code BigDecimal} becomes the {@code Double} nearest to it.
 *
 * @param imageEnhancement          whether enhancement ran
 * @param sharpening                sharpening amount
 * @param saturation                saturation factor
 * @param imageConvert              whether the format was converted
 * @param convertToJpg              whether the conversion was to JPEG
 * @param jpgQuality                JPEG quality
 * @param pngQuality                PNG quality
 * @param removeBg                  whether the background was removed
 * @param removeBgSize              the background-removal size, e.g. {@code auto}
 * @param trimTransparentBackground whether transparent borders were trimmed
 * @param jpgBackground             the colour transparency was flattened onto for JPEG, e.g. {@code white}
 * @param extras                    any other settings, as JSON values; never null
 */
public record ProcessingSettings(Boolean imageEnhancement, Number sharpening, Number saturation, Boolean imageConvert,
                                 Boolean convertToJpg, Number jpgQuality, Number pngQuality, Boolean removeBg,
                                 String removeBgSize, Boolean trimTransparentBackground, String jpgBackground,
                                 Map<String, Object> extras) {
    /** No settings at all. */
    public static final ProcessingSettings NONE = new ProcessingSettings(null, null, null, null, null, null, null,
            null, null, null, null, Map.of());

    private static final Set<String> KNOWN = Set.of("imageEnhancement", "sharpening", "saturation", "imageConvert",
            "convertToJpg", "jpgQuality", "pngQuality", "removeBg", "removeBgSize", "trimTransparentBackground",
            "jpgBackground");

    /**
     * Brings the numbers to the types they read back as (see the class comment).
     *
     * @throws InvalidInputException when {@code extras} is null or holds a known setting, or a number is not finite
     */
    public ProcessingSettings {
        sharpening = jsonNumber("sharpening", sharpening);
        saturation = jsonNumber("saturation", saturation);
        jpgQuality = jsonNumber("jpgQuality", jpgQuality);
        pngQuality = jsonNumber("pngQuality", pngQuality);
        if (extras == null) {
            throw new InvalidInputException("extras", "must not be null");
        }
        for (String key : extras.keySet()) {
            if (key == null || KNOWN.contains(key)) {
                throw new InvalidInputException("extras", "must not hold a known setting or a null key: " + key);
            }
        }
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /**
     * The settings from a map as the applications keep them ({@code {"sharpening": 1.5, "removeBg": true, ...}}):
     * known names become the typed fields (numbers may be any JSON number), the rest go to extras.
     *
     * @throws InvalidInputException naming the setting when a known one has the wrong type
     */
    public static ProcessingSettings fromMap(Map<String, ?> values) {
        if (values == null) {
            throw new InvalidInputException("processingSettings", "must not be null");
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!KNOWN.contains(key)) {
                extras.put(key, value);
            }
        });
        return new ProcessingSettings(bool(values, "imageEnhancement"), number(values, "sharpening"),
                number(values, "saturation"), bool(values, "imageConvert"), bool(values, "convertToJpg"),
                number(values, "jpgQuality"), number(values, "pngQuality"), bool(values, "removeBg"),
                text(values, "removeBgSize"), bool(values, "trimTransparentBackground"), text(values, "jpgBackground"),
                extras);
    }

    /** The settings as a map: the fields that are set, under their names, then the extras. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        put(map, "imageEnhancement", imageEnhancement);
        put(map, "sharpening", sharpening);
        put(map, "saturation", saturation);
        put(map, "imageConvert", imageConvert);
        put(map, "convertToJpg", convertToJpg);
        put(map, "jpgQuality", jpgQuality);
        put(map, "pngQuality", pngQuality);
        put(map, "removeBg", removeBg);
        put(map, "removeBgSize", removeBgSize);
        put(map, "trimTransparentBackground", trimTransparentBackground);
        put(map, "jpgBackground", jpgBackground);
        map.putAll(extras);
        return Collections.unmodifiableMap(map);
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Boolean bool(Map<String, ?> values, String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new InvalidInputException("processingSettings." + key, "must be true or false, was " + value);
    }

    private static Number number(Map<String, ?> values, String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Number) {
            return jsonNumber(key, (Number) value);
        }
        throw new InvalidInputException("processingSettings." + key, "must be a finite number, was " + value);
    }

    /** The number as a JSON reader gives it back: Integer, Long or BigInteger when whole, else Double. */
    private static Number jsonNumber(String key, Number value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            BigInteger whole = value instanceof BigInteger big ? big : BigInteger.valueOf(value.longValue());
            if (whole.bitLength() < Integer.SIZE) {
                return whole.intValue();
            }
            return whole.bitLength() < Long.SIZE ? (Number) whole.longValue() : whole;
        }
        double decimal = value.doubleValue();
        if (!Double.isFinite(decimal)) {
            throw new InvalidInputException("processingSettings." + key, "must be a finite number, was " + value);
        }
        return decimal;
    }

    private static String text(Map<String, ?> values, String key) {
        Object value = values.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidInputException("processingSettings." + key, "must be text, was " + value);
    }
}
