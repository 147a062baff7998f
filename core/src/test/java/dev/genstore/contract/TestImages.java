package dev.genstore.contract;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Real images the tests make, and real bad ones: photo-like pictures, transparency, grey, CMYK JPEG, a header that
 * declares a huge size, truncated files, text that claims to be an image, and a decompression bomb.
 */
public final class TestImages {
    private TestImages() {
    }

    /**
     * A photo-like picture: smooth gradients (sky, light), detail at several scales (value noise at 96, 24 and 6 px, like
     * foliage or fabric), a few hundred small strokes and soft shapes, and mild sensor-like noise; seeded, so each run
     * makes the same one. Its thumbnail has about as much detail as one of a real photo, which is what the size bound
     * on thumbnails is about.
     */
    public static BufferedImage photoLike(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double phase = random.nextDouble() * Math.PI;
        double scale = Math.max(width, height) / 1024.0;
        float[][] coarse = valueNoise(random, width, height, Math.max(2, (int) (96 * scale)));
        float[][] middle = valueNoise(random, width, height, Math.max(2, (int) (24 * scale)));
        float[][] fine = valueNoise(random, width, height, Math.max(2, (int) (6 * scale)));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (double) x / width;
                double v = (double) y / height;
                double detail = 34 * coarse[y][x] + 22 * middle[y][x] + 14 * fine[y][x];
                int r = (int) (80 + 100 * u + 30 * Math.sin(6 * v + phase) + detail);
                int g = (int) (110 + 60 * v + 25 * Math.cos(5 * u + phase) + detail * 0.9);
                int b = (int) (150 - 70 * v + 20 * Math.sin(4 * (u + v)) + detail * 0.6);
                image.setRGB(x, y, rgb(r, g, b));
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 140));
            int size = Math.max(4, Math.min(width, height) / (3 + random.nextInt(6)));
            g.fillOval(random.nextInt(width), random.nextInt(height), size, (int) (size * 0.7));
        }
        for (int i = 0; i < 600; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 170));
            g.setStroke(new java.awt.BasicStroke((float) (1 + random.nextInt(3) * scale)));
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            int length = (int) ((6 + random.nextInt(30)) * scale);
            double angle = random.nextDouble() * Math.PI;
            g.drawLine(x, y, x + (int) (length * Math.cos(angle)), y + (int) (length * Math.sin(angle)));
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = image.getRGB(x, y);
                int n = (int) Math.round(random.nextGaussian() * 4);
                image.setRGB(x, y, rgb(((c >> 16) & 0xFF) + n, ((c >> 8) & 0xFF) + n, (c & 0xFF) + n));
            }
        }
        return image;
    }

    /** Smoothly interpolated random values in [-1, 1] on a grid of {@code cell} pixels. */
    private static float[][] valueNoise(Random random, int width, int height, int cell) {
        int columns = width / cell + 2;
        int rows = height / cell + 2;
        float[][] grid = new float[rows][columns];
        for (float[] row : grid) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextFloat() * 2 - 1;
            }
        }
        float[][] noise = new float[height][width];
        for (int y = 0; y < height; y++) {
            int gy = y / cell;
            float fy = smooth((y % cell) / (float) cell);
            for (int x = 0; x < width; x++) {
                int gx = x / cell;
                float fx = smooth((x % cell) / (float) cell);
                float top = grid[gy][gx] + (grid[gy][gx + 1] - grid[gy][gx]) * fx;
                float bottom = grid[gy + 1][gx] + (grid[gy + 1][gx + 1] - grid[gy + 1][gx]) * fx;
                noise[y][x] = top + (bottom - top) * fy;
            }
        }
        return noise;
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }

    private static int rgb(int r, int g, int b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** {@link #photoLike} as a JPEG at quality 0.9. */
    public static byte[] photoJpeg(int width, int height, long seed) {
        return jpeg(photoLike(width, height, seed), 0.9f);
    }

    /** {@link #photoLike} as a PNG. */
    public static byte[] photoPng(int width, int height, long seed) {
        return encode(photoLike(width, height, seed), "png");
    }

    /** A PNG with a transparent background and an opaque red disc in the middle. */
    public static byte[] transparentPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(220, 30, 30, 255));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return encode(image, "png");
    }

    /** An 8-bit greyscale PNG filled with one grey level. */
    public static byte[] greyPng(int width, int height, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, level);
            }
        }
        return encode(image, "png");
    }

    /** A GIF of the photo-like picture. */
    public static byte[] gif(int width, int height) {
        return encode(photoLike(width, height, 5), "gif");
    }

    /**
     * A CMYK JPEG filled with pure red (0 % cyan, 100 % magenta, 100 % yellow, 0 % black), stored the way Adobe
     * applications do: inverted samples and an APP14 "Adobe" marker (transform 0: no colour transform).
     */
    public static byte[] cmykRedJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int[] invertedRed = {255, 0, 0, 255};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, invertedRed);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] plain = out.toByteArray();
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] jpeg = new byte[plain.length + adobe.length];
        System.arraycopy(plain, 0, jpeg, 0, 2); // SOI
        System.arraycopy(adobe, 0, jpeg, 2, adobe.length);
        System.arraycopy(plain, 2, jpeg, 2 + adobe.length, plain.length - 2);
        return jpeg;
    }

    /**
     * A JPEG stored {@code width × height}, left half red and right half blue, with an EXIF orientation of 6 ("rotate
     * 90° clockwise to show"), as phone cameras write portrait photos: shown, it is {@code height × width} with red on
     * top.
     */
    public static byte[] sidewaysJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(220, 20, 20));
        g.fillRect(0, 0, width / 2, height);
        g.setColor(new Color(20, 20, 220));
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        byte[] plain = jpeg(image, 0.9f);
        byte[] tiff = {'I', 'I', 0x2A, 0, 8, 0, 0, 0, // little-endian TIFF header, IFD0 at offset 8
            1, 0, // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, // Orientation (0x0112), SHORT, 1 value: 6
            0, 0, 0, 0}; // no next IFD
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        int length = 2 + 6 + tiff.length;
        app1.write(0xFF);
        app1.write(0xE1);
        app1.write(length >> 8);
        app1.write(length & 0xFF);
        app1.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        app1.writeBytes(tiff);
        int afterApp0 = 2;
        if ((plain[2] & 0xFF) == 0xFF && (plain[3] & 0xFF) == 0xE0) {
            afterApp0 = 4 + (((plain[4] & 0xFF) << 8) | (plain[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterApp0);
        out.writeBytes(app1.toByteArray());
        out.write(plain, afterApp0, plain.length - afterApp0);
        return out.toByteArray();
    }

    /** A PNG whose header declares {@code width × height} and that has no pixel data at all. */
    public static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            chunk(data, "IHDR", ihdr(width, height, 8, 2));
            chunk(data, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A decompression bomb: a valid PNG of a few kilobytes whose pixels inflate to {@code width × height} (a 1-bit
     * grey image of zeros).
     */
    public static byte[] decompressionBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            chunk(data, "IHDR", ihdr(width, height, 1, 0));
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION))) {
                byte[] row = new byte[1 + (width + 7) / 8]; // filter byte 0, then zero pixels
                for (int y = 0; y < height; y++) {
                    deflate.write(row);
                }
            }
            chunk(data, "IDAT", compressed.toByteArray());
            chunk(data, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] ihdr(int width, int height, int bitDepth, int colourType) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(header);
        data.writeInt(width);
        data.writeInt(height);
        data.writeByte(bitDepth);
        data.writeByte(colourType);
        data.writeByte(0);
        data.writeByte(0);
        data.writeByte(0);
        return header.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(body.length);
        out.write(name);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }

    /** The first {@code fraction} of the bytes. */
    public static byte[] truncated(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    /** Plain text, as a file named {@code notes.png} would hold. */
    public static byte[] textNamedPng() {
        return "These are my notes, not a picture.\nSaved as notes.png by mistake.\n".getBytes(StandardCharsets.UTF_8);
    }

    /** Encodes with the JDK's ImageIO writer of the format. */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Encodes as JPEG at a quality. */
    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Encodes as lossy WebP with webp-imageio. */
    public static byte[] webp(BufferedImage image, float quality) {
        try {
            ImageWriter writer = new com.luciad.imageio.webp.WebPImageWriterSpi().createWriterInstance();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Lossy");
            param.setCompressionQuality(quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(output);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes any format genstore writes, WebP included. */
    public static BufferedImage decode(byte[] bytes) {
        try {
            boolean webp = bytes.length > 12 && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P';
            if (!webp) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
                if (image == null) {
                    throw new IllegalStateException("not an image");
                }
                return image;
            }
            ImageReader reader = new com.luciad.imageio.webp.WebPImageReaderSpi().createReaderInstance();
            try (MemoryCacheImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
                reader.setInput(input);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
