package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.blobs.BlobInfo;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.ImageStatus;
import dev.genstore.images.ImageTooLargeException;
import dev.genstore.images.InvalidImageException;
import dev.genstore.images.NewImage;
import dev.genstore.images.Variant;
import dev.genstore.images.VariantFormat;
import dev.genstore.images.VariantKind;
import dev.genstore.images.VariantSpec;
import dev.genstore.paging.PageRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Storing an image from bytes: the format and size are probed before decoding, the variants are made with the
 * aspect ratio kept and encoded as configured (WebP by default), and bad input (corrupt, truncated, not an image,
 * too many pixels, a decompression bomb) is refused with a clear exception while the store stays as it was.
 */
public abstract class ThumbnailContract extends StoreContract {

    private UserId owner() {
        return newUser("ann@example.com").id();
    }

    private static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPhotoGetsASmallWebPThumbnailAndAWebSize() {
        UserId ann = owner();
        byte[] photo = TestImages.photoJpeg(1024, 1024, 1);
        Image image = store.images().store(NewImage.uploaded(ann, "Holiday Photo.jpg"), photo);

        assertEquals(ImageStatus.COMPLETED, image.status());
        assertEquals("jpeg", image.content().format());
        assertEquals(1024, image.content().width());
        assertEquals(1024, image.content().height());
        assertEquals(photo.length, image.content().bytes());
        assertEquals(sha256(photo), image.content().sha256());
        assertTrue(image.content().storageKey().matches("genstore/images/" + ann + "/\\d+-" + image.id() + "-holiday-photo\\.jpg"),
                image.content().storageKey());
        assertArrayEquals(photo, read(store.images().openContent(ann, image.id())));

        Variant thumbnail = image.variant(VariantKind.THUMBNAIL).orElseThrow();
        assertEquals(VariantFormat.WEBP, thumbnail.format());
        assertEquals(256, thumbnail.width());
        assertEquals(256, thumbnail.height());
        assertTrue(thumbnail.bytes() <= 25 * 1024, "thumbnail of a 1024² photo is " + thumbnail.bytes() + " bytes");
        byte[] thumbnailBytes = read(store.images().openVariant(ann, image.id(), VariantKind.THUMBNAIL));
        assertEquals(thumbnail.bytes(), thumbnailBytes.length);
        BufferedImage decoded = TestImages.decode(thumbnailBytes);
        assertEquals(256, decoded.getWidth());
        assertEquals(256, decoded.getHeight());
        assertSimilarColour(TestImages.photoLike(1024, 1024, 1), decoded);

        Variant web = image.variant(VariantKind.WEB).orElseThrow();
        assertEquals(1024, web.width());
        assertEquals(1024, web.height());
        assertEquals(List.of(VariantKind.THUMBNAIL, VariantKind.WEB), image.variants().stream().map(Variant::kind).toList());
        assertEquals(image, store.images().get(ann, image.id()));
        BlobInfo info = store.blobs().info(thumbnail.storageKey()).orElseThrow();
        assertEquals("image/webp", info.contentType());
        assertEquals("image/jpeg", store.blobs().info(image.content().storageKey()).orElseThrow().contentType());
    }

    /** The average colours of the middle of both images are close: the thumbnail shows the same picture. */
    private static void assertSimilarColour(BufferedImage original, BufferedImage thumbnail) {
        int[] a = average(original);
        int[] b = average(thumbnail);
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(a[c] - b[c]) < 12, "channel " + c + ": " + a[c] + " vs " + b[c]);
        }
    }

    private static int[] average(BufferedImage image) {
        long r = 0;
        long g = 0;
        long b = 0;
        int n = 0;
        for (int y = image.getHeight() / 4; y < image.getHeight() * 3 / 4; y++) {
            for (int x = image.getWidth() / 4; x < image.getWidth() * 3 / 4; x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xFF;
                g += (rgb >> 8) & 0xFF;
                b += rgb & 0xFF;
                n++;
            }
        }
        return new int[] {(int) (r / n), (int) (g / n), (int) (b / n)};
    }

    @Test
    void variantsKeepTheAspectRatioAndAreNeverScaledUp() {
        UserId ann = owner();
        Image wide = store.images().store(NewImage.generated(ann, "a wide one"), TestImages.photoPng(1600, 900, 2));
        assertDimensions(wide, VariantKind.THUMBNAIL, 256, 144);
        assertDimensions(wide, VariantKind.WEB, 1024, 576);

        Image tall = store.images().store(NewImage.generated(ann, "a tall one"), TestImages.photoJpeg(600, 1000, 3));
        assertDimensions(tall, VariantKind.THUMBNAIL, 154, 256);
        assertDimensions(tall, VariantKind.WEB, 600, 1000);

        Image small = store.images().store(NewImage.generated(ann, "a small one"), TestImages.photoPng(100, 80, 4));
        assertDimensions(small, VariantKind.THUMBNAIL, 100, 80);
        assertDimensions(small, VariantKind.WEB, 100, 80);
    }

    private void assertDimensions(Image image, VariantKind kind, int width, int height) {
        Variant variant = image.variant(kind).orElseThrow();
        assertEquals(width, variant.width(), kind + " width");
        assertEquals(height, variant.height(), kind + " height");
        BufferedImage decoded = TestImages.decode(read(store.images().openVariant(image.owner(), image.id(), kind)));
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
    }

    @Test
    void transparencySurvivesInWebPVariants() {
        UserId ann = owner();
        Image image = store.images().store(NewImage.uploaded(ann, "logo.png"), TestImages.transparentPng(512, 512));
        assertEquals("png", image.content().format());
        BufferedImage thumbnail = TestImages.decode(read(store.images().openVariant(ann, image.id(), VariantKind.THUMBNAIL)));
        assertEquals(256, thumbnail.getWidth());
        assertTrue(thumbnail.getColorModel().hasAlpha(), "the thumbnail has an alpha channel");
        assertEquals(0, (thumbnail.getRGB(5, 5) >>> 24), "a transparent corner stays transparent");
        int centre = thumbnail.getRGB(128, 128);
        assertEquals(255, centre >>> 24, "the disc stays opaque");
        assertTrue(((centre >> 16) & 0xFF) > 180 && ((centre >> 8) & 0xFF) < 80, Integer.toHexString(centre));
    }

    @Test
    void greyscaleGifAndWebPInputsAreRead() {
        UserId ann = owner();
        Image grey = store.images().store(NewImage.uploaded(ann, "grey.png"), TestImages.greyPng(640, 480, 128));
        assertDimensions(grey, VariantKind.THUMBNAIL, 256, 192);
        int pixel = TestImages.decode(read(store.images().openVariant(ann, grey.id(), VariantKind.THUMBNAIL))).getRGB(100, 100);
        for (int shift : new int[] {16, 8, 0}) {
            int level = (pixel >> shift) & 0xFF;
            assertTrue(Math.abs(level - 128) <= 6, "grey 128 became " + level);
        }

        Image gif = store.images().store(NewImage.uploaded(ann, "anim.gif"), TestImages.gif(300, 200));
        assertEquals("gif", gif.content().format());
        assertDimensions(gif, VariantKind.THUMBNAIL, 256, 171);

        byte[] webpBytes = TestImages.webp(TestImages.photoLike(500, 400, 9), 0.9f);
        Image webp = store.images().store(NewImage.uploaded(ann, "photo.webp"), webpBytes);
        assertEquals("webp", webp.content().format());
        assertEquals(500, webp.content().width());
        assertEquals(400, webp.content().height());
        assertTrue(webp.content().storageKey().endsWith(".webp"));
        assertDimensions(webp, VariantKind.THUMBNAIL, 256, 205);
    }

    @Test
    void aCmykJpegIsConvertedToRgb() {
        UserId ann = owner();
        Image image = store.images().store(NewImage.uploaded(ann, "print.jpg"), TestImages.cmykRedJpeg(400, 300));
        assertEquals("jpeg", image.content().format());
        assertEquals(400, image.content().width());
        BufferedImage thumbnail = TestImages.decode(read(store.images().openVariant(ann, image.id(), VariantKind.THUMBNAIL)));
        assertEquals(256, thumbnail.getWidth());
        assertEquals(192, thumbnail.getHeight());
        int rgb = thumbnail.getRGB(128, 96);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        assertTrue(r > 180 && g < 90 && b < 90, "CMYK red became #" + Integer.toHexString(rgb & 0xFFFFFF));
    }

    @Test
    void aSidewaysPhoneJpegIsTurnedAsItsExifOrientationSays() {
        UserId ann = owner();
        Image image = store.images().store(NewImage.uploaded(ann, "portrait.jpg"), TestImages.sidewaysJpeg(300, 200));
        assertEquals(200, image.content().width(), "the size as shown");
        assertEquals(300, image.content().height());
        assertDimensions(image, VariantKind.THUMBNAIL, 171, 256);
        BufferedImage thumbnail = TestImages.decode(read(store.images().openVariant(ann, image.id(), VariantKind.THUMBNAIL)));
        int top = thumbnail.getRGB(85, 40);
        int bottom = thumbnail.getRGB(85, 215);
        assertTrue(((top >> 16) & 0xFF) > 150 && (top & 0xFF) < 100, "red on top: #" + Integer.toHexString(top & 0xFFFFFF));
        assertTrue((bottom & 0xFF) > 150 && ((bottom >> 16) & 0xFF) < 100, "blue below: #" + Integer.toHexString(bottom & 0xFFFFFF));
    }

    @Test
    void variantFormatsAndSizesFollowThePolicy() {
        Genstore custom = Genstore.builder().storage(newStorage()).clock(clock)
                .imagePolicy(ImagePolicy.DEFAULT.variants(
                        new VariantSpec(VariantKind.THUMBNAIL, 64, VariantFormat.PNG, 1f),
                        new VariantSpec(VariantKind.WEB, 300, VariantFormat.JPEG, 0.7f),
                        VariantSpec.print()))
                .build();
        try {
            UserId bob = custom.accounts().create(dev.genstore.accounts.NewUser.withEmail("bob@example.com")).id();
            Image image = custom.images().store(NewImage.uploaded(bob, "logo.png"), TestImages.transparentPng(400, 200));
            Variant thumbnail = image.variant(VariantKind.THUMBNAIL).orElseThrow();
            assertEquals(VariantFormat.PNG, thumbnail.format());
            assertEquals(64, thumbnail.width());
            assertEquals(32, thumbnail.height());
            assertTrue(thumbnail.storageKey().endsWith(".thumbnail.png"), thumbnail.storageKey());
            BufferedImage png = TestImages.decode(read(custom.images().openVariant(bob, image.id(), VariantKind.THUMBNAIL)));
            assertEquals(0, png.getRGB(0, 0) >>> 24, "PNG keeps transparency");
            Variant web = image.variant(VariantKind.WEB).orElseThrow();
            assertEquals(VariantFormat.JPEG, web.format());
            assertEquals(300, web.width());
            BufferedImage jpeg = TestImages.decode(read(custom.images().openVariant(bob, image.id(), VariantKind.WEB)));
            assertEquals(0xFFFFFF, jpeg.getRGB(2, 2) & 0xFFFFFF, "JPEG flattens transparency onto white");
            Variant print = image.variant(VariantKind.PRINT).orElseThrow();
            assertEquals(400, print.width(), "never scaled up");
            assertEquals("image/jpeg", custom.blobs().info(print.storageKey()).orElseThrow().contentType());
        } finally {
            custom.close();
        }
    }

    @Test
    void badBytesAreRefusedAndTheStoreStaysAsItWas() {
        UserId ann = owner();
        Image kept = store.images().store(NewImage.uploaded(ann, "kept.png"), TestImages.photoPng(64, 64, 5));
        StoreSnapshot before = snapshot();
        List<BlobInfo> blobsBefore = store.blobs().list("", PageRequest.first(100)).items();
        ImageStatistics statsBefore = store.images().statistics(ann);
        byte[] png = TestImages.photoPng(300, 200, 6);
        byte[] jpeg = TestImages.photoJpeg(300, 200, 6);

        assertAll(
                () -> refused(InvalidImageException.class, () -> store.images().store(NewImage.uploaded(ann, "notes.png"),
                        TestImages.textNamedPng())),
                () -> refused(InvalidImageException.class, () -> store.images().store(NewImage.uploaded(ann, "empty.png"),
                        new byte[0])),
                () -> refused(InvalidImageException.class, () -> store.images().store(NewImage.uploaded(ann, "cut.png"),
                        TestImages.truncated(png, 0.5))),
                () -> refused(InvalidImageException.class, () -> store.images().store(NewImage.uploaded(ann, "cut.jpg"),
                        TestImages.truncated(jpeg, 0.5))),
                () -> refused(InvalidImageException.class, () -> store.images().store(NewImage.uploaded(ann, "head.png"),
                        TestImages.truncated(png, 0.01))),
                () -> refused(ImageTooLargeException.class, () -> store.images().store(NewImage.uploaded(ann, "huge.png"),
                        TestImages.pngDeclaring(100_000, 100_000))),
                () -> refused(ImageTooLargeException.class, () -> store.images().store(NewImage.uploaded(ann, "bomb.png"),
                        TestImages.decompressionBomb(9000, 8000))),
                () -> assertThrows(IllegalTransitionException.class, () -> store.images().complete(ann, kept.id(), png)));

        assertUnchanged(before);
        assertEquals(blobsBefore, store.blobs().list("", PageRequest.first(100)).items());
        assertEquals(statsBefore, store.images().statistics(ann));
        assertEquals(List.of(kept), store.images().list(ann, ImageFilter.all(), PageRequest.first(10)).items());
    }

    private static void refused(Class<? extends InvalidImageException> type, Executable call) {
        InvalidImageException e = assertThrows(type, call);
        assertEquals("content", e.field());
    }

    @Test
    void theBombIsSmallAndDeclaresMoreThanTheLimit() {
        byte[] bomb = TestImages.decompressionBomb(9000, 8000);
        assertTrue(bomb.length < 64 * 1024, "the bomb is " + bomb.length + " bytes");
        assertTrue(9000L * 8000 > ImagePolicy.DEFAULT.maxPixels());
    }

    @Test
    void limitsComeFromThePolicy() {
        Genstore strict = Genstore.builder().storage(newStorage()).clock(clock)
                .imagePolicy(ImagePolicy.DEFAULT.maxPixels(500_000).maxBytes(200_000)).build();
        try {
            UserId bob = strict.accounts().create(dev.genstore.accounts.NewUser.withEmail("bob@example.com")).id();
            refused(ImageTooLargeException.class, () -> strict.images().store(NewImage.uploaded(bob, "a.png"),
                    TestImages.greyPng(1000, 600, 9)));
            byte[] big = TestImages.photoPng(600, 600, 7);
            assertTrue(big.length > 200_000);
            refused(ImageTooLargeException.class, () -> strict.images().store(NewImage.uploaded(bob, "b.png"),
                    new ByteArrayInputStream(big)));
            Image fits = strict.images().store(NewImage.uploaded(bob, "c.jpg"),
                    new ByteArrayInputStream(TestImages.photoJpeg(700, 700, 8)));
            assertEquals(700, fits.content().width());
            assertEquals(1, strict.images().statistics(bob).totalImages());
        } finally {
            strict.close();
        }
        assertInvalid("maxPixels", () -> ImagePolicy.DEFAULT.maxPixels(0));
        assertInvalid("variants", () -> ImagePolicy.DEFAULT.variants(VariantSpec.thumbnail(), VariantSpec.thumbnail()));
        assertInvalid("variants", () -> ImagePolicy.DEFAULT.variants((VariantSpec) null));
        assertInvalid("longSide", () -> new VariantSpec(VariantKind.WEB, 8, VariantFormat.WEBP, 0.8f));
        assertInvalid("quality", () -> new VariantSpec(VariantKind.WEB, 800, VariantFormat.WEBP, 1.5f));
        assertInvalid("keyPrefix", () -> ImagePolicy.DEFAULT.keyPrefix("../up"));
        assertInvalid("imagePolicy", () -> Genstore.builder().imagePolicy(null));
        assertInvalid("blobStore", () -> Genstore.builder().blobStore(null));
    }
}
