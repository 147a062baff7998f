package dev.genstore.jobs;

/** What {@link Jobs#deleteConfiguration(dev.genstore.accounts.UserId, ConfigurationId, ConfigurationJobs)} does with the configuration's jobs. */
public enum ConfigurationJobs {
    /** The jobs stay, without the link to the configuration (their {@code configurationId} reads back null). */
    KEEP_UNLINKED,
    /**
     * The jobs go too, each as {@link Jobs#delete(dev.genstore.accounts.UserId, JobId)} deletes one: with their images,
     * variants and blobs, open holds released. A RUNNING job among them refuses the whole call.
     */
    DELETE
}
