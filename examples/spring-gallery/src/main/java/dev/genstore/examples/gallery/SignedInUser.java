package dev.genstore.examples.gallery;

import dev.genstore.accounts.UserId;

/**
 * The user a request's bearer token was issued to. A controller method that takes one answers only signed-in
 * requests ({@link SignedInUserResolver}); its id never comes from the request body or path.
 */
public record SignedInUser(UserId id) {
}
