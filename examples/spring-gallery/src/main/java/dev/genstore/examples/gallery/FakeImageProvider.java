package dev.genstore.examples.gallery;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;

/**
 * Stands in for an image-generation API: a real PNG drawn in-process, the same bytes for the same prompt and seed (a
 * grid of colours taken from their SHA-256). Replace it with a call to a provider; the flow around it stays.
 */
@Component
public class FakeImageProvider {
    /** The provider name jobs are recorded under. */
    public static final String PROVIDER = "fake";
    /** The model name images are recorded with. */
    public static final String MODEL = "sha256-grid-v1";
    private static final int SIZE = 256;
    private static final int CELLS = 4;

    /**
     * A {@value #SIZE}×{@value #SIZE} PNG for this prompt and seed.
     *
     * @throws ImageProviderException when no image could be made (a real provider's outage or refusal)
     */
    public byte[] render(String prompt, long seed) {
        byte[] hash = sha256(seed + "\n" + prompt);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int cell = SIZE / CELLS;
        for (int i = 0; i < CELLS * CELLS; i++) {
            int b = (i * 2) % hash.length;
            g.setColor(new Color(hash[b] & 0xff, hash[b + 1] & 0xff, hash[(b + 7) % hash.length] & 0xff));
            g.fillRect((i % CELLS) * cell, (i / CELLS) * cell, cell, cell);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
