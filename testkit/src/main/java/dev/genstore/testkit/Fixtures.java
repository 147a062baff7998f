package dev.genstore.testkit;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.errors.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Small things an application's tests keep needing: a user with tokens, valid image bytes. */
public final class Fixtures {
    private static final byte[] TINY_PNG = png(2, 2);

    private Fixtures() {
    }

    /**
     * Creates a user with this email and credits it {@code tokens} (reason {@code TEST_CREDIT}, reference
     * {@code test-credit-<user id>}) when more than zero.
     */
    public static User userWithTokens(Genstore store, String email, long tokens) {
        Arguments.notNull("store", store);
        if (tokens < 0) {
            throw new InvalidInputException("tokens", "must be zero or more, was " + tokens);
        }
        User user = store.accounts().create(NewUser.withEmail(email));
        if (tokens > 0) {
            store.ledger().credit(user.id(), tokens, "TEST_CREDIT", "test-credit-" + user.id());
        }
        return user;
    }

    /** A valid 2 × 2 PNG (a few dozen bytes) that genstore stores and makes variants of; a new copy each call. */
    public static byte[] tinyPng() {
        return TINY_PNG.clone();
    }

    /** A valid PNG of this size, with a simple gradient (so it is not one flat colour). */
    public static byte[] png(int width, int height) {
        if (width < 1 || height < 1) {
            throw new InvalidInputException(width < 1 ? "width" : "height", "must be 1 or more, was " + (width < 1 ? width : height));
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("ImageIO cannot write a PNG to memory", e); // never: no file, a JDK writer
        }
        return out.toByteArray();
    }
}
