/** Blobs on S3 or an S3-compatible server: {@code S3BlobStore}; its implementation stays internal. */
module dev.genstore.s3 {
    requires transitive dev.genstore.core;
    requires transitive software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.retries;
    requires software.amazon.awssdk.retries.api;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;

    exports dev.genstore.s3;
}
