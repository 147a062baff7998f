package dev.genstore.examples.gallery;

import dev.genstore.Genstore;
import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobUrlSigner;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves blobs behind signed links ({@code /files/{key}?token=…}) without a sign-in: the token is the permission. A
 * token made for another key, with another secret, altered in any way or past its expiry is refused with 403 before
 * the blob is looked at.
 */
@RestController
public class FilesController {
    /** Where signed links point. */
    public static final String PATH = "/files";

    private final Genstore genstore;
    private final BlobUrlSigner signer;

    public FilesController(Genstore genstore, BlobUrlSigner signer) {
        this.genstore = genstore;
        this.signer = signer;
    }

    @GetMapping(PATH + "/{*key}")
    public ResponseEntity<InputStreamResource> file(@PathVariable("key") String path,
                                                    @RequestParam(name = "token", required = false) String token) {
        String key = path.startsWith("/") ? path.substring(1) : path;
        if (!signer.verify(key, token, genstore.clock().instant())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the link is not valid or has expired: ask for a new one");
        }
        BlobInfo info = genstore.blobs().info(key)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "the image is gone"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(info.contentType())).contentLength(info.size())
                .cacheControl(CacheControl.noStore()) // the link expires; a cache must not outlive it
                .body(new InputStreamResource(genstore.blobs().get(key)));
    }
}
