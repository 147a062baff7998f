package dev.genstore.internal.imaging;

import com.luciad.imageio.webp.WebPImageReaderSpi;
import com.luciad.imageio.webp.WebPImageWriterSpi;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.ImageTooLargeException;
import dev.genstore.images.InvalidImageException;
import dev.genstore.images.VariantSpec;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Turns the encoded bytes of an image into what genstore stores: the probed format and size, the SHA-256, and the
 * encoded variants. The size is read from the header by an ImageIO reader and checked against the pixel limit before
 * a single pixel is decoded, so a small file that inflates to a huge image (a decompression bomb) is refused cheaply.
 * Streams are memory-cached: ImageIO writes no temporary files. WebP goes through webp-imageio's reader and writer,
 * named explicitly rather than found on the class path.
 */
public final class ImageProcessor {
    /** Formats accepted, by the lower-case name ImageIO readers give (WBMP is left out: its reader claims almost any bytes). */
    private static final Map<String, String> FORMATS = Map.of("png", "png", "jpeg", "jpeg", "jpg", "jpeg", "webp", "webp",
            "gif", "gif", "bmp", "bmp", "tif", "tiff", "tiff", "tiff");
    private static final WebPImageReaderSpi WEBP_READER = new WebPImageReaderSpi();
    private static final WebPImageWriterSpi WEBP_WRITER = new WebPImageWriterSpi();

    private ImageProcessor() {
    }

    /** Format and size from the header. */
    public record Probe(String format, int width, int height) {
    }

    /** One encoded variant. */
    public record Encoded(VariantSpec spec, int width, int height, byte[] bytes) {
    }

    /**
     * Everything made from one image.
     *
     * @param probe  format and size as stored in the file
     * @param width  the width as shown (after the EXIF orientation of a JPEG is applied)
     * @param height the height as shown
     */
    public record Processed(Probe probe, int width, int height, String sha256, List<Encoded> variants) {
    }

    /**
     * Probes, checks, decodes and makes the policy's variants.
     *
     * @throws ImageTooLargeException when the bytes or the pixels exceed the policy
     * @throws InvalidImageException  when the bytes are not a readable image, or a variant cannot be resized or encoded
     */
    public static Processed process(byte[] content, ImagePolicy policy) {
        if (content.length > policy.maxBytes()) {
            throw new ImageTooLargeException("has " + content.length + " bytes, more than the limit of " + policy.maxBytes());
        }
        ImageReader reader = readerFor(content);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            // JPEG metadata is read for the EXIF orientation (phone photos are often stored sideways).
            reader.setInput(input, true, !isJpeg(reader));
            Probe probe = probe(reader);
            long pixels = (long) probe.width() * probe.height();
            if (pixels > policy.maxPixels()) {
                throw new ImageTooLargeException("is " + probe.width() + " × " + probe.height() + " = " + pixels
                        + " pixels, more than the limit of " + policy.maxPixels());
            }
            BufferedImage decoded = decode(reader, probe);
            BufferedImage image = oriented(normalized(decoded), reader);
            List<Encoded> variants = new ArrayList<>();
            for (VariantSpec spec : policy.variants()) {
                variants.add(variant(image, spec));
            }
            return new Processed(probe, image.getWidth(), image.getHeight(), sha256(content), variants);
        } catch (IOException e) {
            // The bytes are in memory: a read that fails is content the reader cannot make sense of.
            throw new InvalidImageException("cannot be read: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader readerFor(byte[] content) {
        if (isWebP(content)) {
            try {
                return WEBP_READER.createReaderInstance();
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the WebP reader", e); // it never reads anything here
            }
        }
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                if (FORMATS.containsKey(formatName(reader))) {
                    return reader;
                }
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException("is not an image genstore can read: " + e.getMessage());
        }
        throw new InvalidImageException("is not an image in a format genstore reads (PNG, JPEG, WebP, GIF, BMP, TIFF)");
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static boolean isJpeg(ImageReader reader) {
        return "jpeg".equals(FORMATS.get(formatName(reader)));
    }

    /** The image turned as its EXIF orientation says it is to be shown; as it is when it has none. */
    private static BufferedImage oriented(BufferedImage image, ImageReader reader) {
        if (!isJpeg(reader)) {
            return image;
        }
        Orientation orientation;
        try {
            orientation = ExifUtils.getExifOrientation(reader, 0);
        } catch (IOException | RuntimeException e) {
            return image; // unreadable EXIF: show the pixels as stored
        }
        if (orientation == null || orientation == Orientation.TOP_LEFT) {
            return image;
        }
        return ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
    }

    private static boolean isWebP(byte[] content) {
        return content.length >= 12 && content[0] == 'R' && content[1] == 'I' && content[2] == 'F' && content[3] == 'F'
                && content[8] == 'W' && content[9] == 'E' && content[10] == 'B' && content[11] == 'P';
    }

    private static Probe probe(ImageReader reader) {
        String name = formatName(reader);
        String format = FORMATS.getOrDefault(name, name);
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException("has a header genstore cannot read (" + format + "): " + e.getMessage());
        }
        if (width < 1 || height < 1) {
            throw new InvalidImageException("declares an empty size: " + width + " × " + height);
        }
        return new Probe(format, width, height);
    }

    private static BufferedImage decode(ImageReader reader, Probe probe) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image;
        try {
            image = reader.read(0, reader.getDefaultReadParam());
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException("is a corrupt or truncated " + probe.format() + " image: " + e.getMessage());
        }
        for (String warning : warnings) {
            String lower = warning.toLowerCase(Locale.ROOT);
            // libjpeg reports truncation as a warning and fills the rest with grey; such an image is not the image.
            if (lower.contains("premature end") || lower.contains("no image")) {
                throw new InvalidImageException("is a truncated " + probe.format() + " image: " + warning);
            }
        }
        if (image == null || image.getWidth() != probe.width() || image.getHeight() != probe.height()) {
            throw new InvalidImageException("decodes to another size than its header declares");
        }
        return image;
    }

    /** The image as 8-bit sRGB (with alpha when it has any): grey, palette, 16-bit and CMYK images alike. */
    private static BufferedImage normalized(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (image.getType() == type) {
            return image;
        }
        BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = converted.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return converted;
    }

    private static Encoded variant(BufferedImage image, VariantSpec spec) {
        int width = image.getWidth();
        int height = image.getHeight();
        int longest = Math.max(width, height);
        BufferedImage scaled = image;
        if (longest > spec.longSide()) {
            double scale = (double) spec.longSide() / longest;
            int targetWidth = Math.max(1, (int) Math.round(width * scale));
            int targetHeight = Math.max(1, (int) Math.round(height * scale));
            try {
                scaled = Thumbnails.of(image).forceSize(targetWidth, targetHeight).imageType(image.getType()).asBufferedImage();
            } catch (IOException | RuntimeException e) {
                throw new InvalidImageException("cannot be resized to " + targetWidth + " × " + targetHeight + " for the "
                        + spec.kind() + " variant: " + e.getMessage());
            }
        }
        byte[] bytes = encode(scaled, spec);
        return new Encoded(spec, scaled.getWidth(), scaled.getHeight(), bytes);
    }

    private static byte[] encode(BufferedImage image, VariantSpec spec) {
        ImageWriter writer;
        BufferedImage source = image;
        ImageWriteParam param;
        switch (spec.format()) {
            case WEBP -> {
                writer = webpWriter();
                param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Lossy");
                param.setCompressionQuality(spec.quality());
            }
            case JPEG -> {
                writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(spec.quality());
                source = flattened(image);
            }
            case PNG -> {
                writer = ImageIO.getImageWritersByFormatName("png").next();
                param = writer.getDefaultWriteParam();
            }
            default -> throw new IllegalStateException("unknown format " + spec.format());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(source, null, null), param);
        } catch (IOException | RuntimeException e) {
            // The image decoded, so the content is what the encoder refuses (libwebp: more than 16383 pixels a side).
            throw new InvalidImageException("cannot be encoded as " + spec.format() + " at " + source.getWidth() + " × "
                    + source.getHeight() + " for the " + spec.kind() + " variant: " + e.getMessage());
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageWriter webpWriter() {
        try {
            return WEBP_WRITER.createWriterInstance();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the WebP writer", e); // it never writes anything here
        }
    }

    /** JPEG has no alpha: transparent parts become white. */
    private static BufferedImage flattened(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return flat;
    }

    /** Lower-case hex SHA-256. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
