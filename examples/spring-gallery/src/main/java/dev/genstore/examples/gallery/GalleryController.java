package dev.genstore.examples.gallery;

import dev.genstore.Genstore;
import dev.genstore.blobs.BlobUrlSigner;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.images.NewImage;
import dev.genstore.images.Variant;
import dev.genstore.images.VariantKind;
import dev.genstore.ledger.TokenAccount;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The signed-in user's images: generate one for tokens, upload one, list them, get a signed link to one. Every call
 * passes the signed-in user as the owner and ids from the request as they come, so another user's image is simply
 * not found (404).
 */
@RestController
public class GalleryController {
    private final Genstore genstore;
    private final Generations generations;
    private final BlobUrlSigner signer;
    private final GalleryProperties properties;

    public GalleryController(Genstore genstore, Generations generations, BlobUrlSigner signer, GalleryProperties properties) {
        this.genstore = genstore;
        this.generations = generations;
        this.signer = signer;
        this.properties = properties;
    }

    /** {@code {"prompt": …, "seed": …}}; the seed is optional (0). */
    public record GenerateRequest(String prompt, Long seed) {
    }

    /** The signed-in user and their tokens. */
    public record Me(String id, String email, long balance, long available) {
    }

    /** One page of the gallery; pass {@code next} as {@code after} for the following one (null on the last page). */
    public record GalleryPage(List<ImageView> items, String next) {
    }

    /** A link anyone holding it can fetch until {@code expiresAt}. */
    public record SignedLink(String url, Instant expiresAt) {
    }

    @GetMapping("/me")
    public Me me(SignedInUser user) {
        TokenAccount account = genstore.ledger().account(user.id());
        return new Me(user.id().toString(), genstore.accounts().get(user.id()).email(), account.balance(),
                account.balance() - account.held());
    }

    /** Generates an image for {@code gallery.generation-cost} tokens; a retry with the same key is not charged again. */
    @PostMapping("/generate")
    @ResponseStatus(HttpStatus.CREATED)
    public ImageView generate(SignedInUser user, @RequestHeader("Idempotency-Key") String idempotencyKey,
                              @RequestBody GenerateRequest request) {
        long seed = request.seed() == null ? 0 : request.seed();
        return ImageView.of(generations.generate(user.id(), request.prompt(), seed, idempotencyKey));
    }

    /** Stores an uploaded image (multipart field {@code file}); uploads cost nothing, as in seed 004. */
    @PostMapping("/images")
    @ResponseStatus(HttpStatus.CREATED)
    public ImageView upload(SignedInUser user, @RequestPart("file") MultipartFile file,
                            @RequestParam(name = "title", required = false) String title) throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "upload" : file.getOriginalFilename();
        try (InputStream content = file.getInputStream()) {
            // Format, size and pixel limits are checked by genstore before anything is stored (400 or 413).
            return ImageView.of(genstore.images().store(NewImage.uploaded(user.id(), name).title(title), content));
        }
    }

    /** The user's images, newest first, in keyset pages. */
    @GetMapping("/gallery")
    public GalleryPage gallery(SignedInUser user, @RequestParam(name = "after", required = false) String after,
                               @RequestParam(name = "size", defaultValue = "20") int size) {
        Page<Image> page = genstore.images().list(user.id(), ImageFilter.all(),
                after == null ? PageRequest.first(size) : PageRequest.after(after, size));
        return new GalleryPage(page.items().stream().map(ImageView::of).toList(), page.nextCursor());
    }

    @GetMapping("/images/{id}")
    public ImageView image(SignedInUser user, @PathVariable("id") String id) {
        return ImageView.of(genstore.images().get(user.id(), ImageId.parse(id)));
    }

    /**
     * A signed link to the image's original ({@code variant=original}, the default) or one of its sizes
     * ({@code thumbnail}, {@code web}), served by {@link FilesController} until {@code gallery.link-lifetime} passes.
     */
    @GetMapping("/images/{id}/url")
    public SignedLink link(SignedInUser user, @PathVariable("id") String id,
                           @RequestParam(name = "variant", defaultValue = "original") String variant) {
        Image image = genstore.images().get(user.id(), ImageId.parse(id));
        String key = storageKey(image, variant);
        Instant expiresAt = genstore.clock().instant().plus(properties.linkLifetime());
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path(FilesController.PATH).toUriString();
        return new SignedLink(signer.signedUrl(base, key, expiresAt), expiresAt);
    }

    private static String storageKey(Image image, String variant) {
        if (variant.equals("original")) {
            return image.optionalContent().orElseThrow(() -> new NotFoundException("image content", image.id()))
                    .storageKey();
        }
        VariantKind kind;
        try {
            kind = VariantKind.valueOf(variant.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("variant", "must be original, thumbnail, web or print");
        }
        return image.variant(kind).map(Variant::storageKey)
                .orElseThrow(() -> new NotFoundException("image variant " + variant, image.id()));
    }
}
