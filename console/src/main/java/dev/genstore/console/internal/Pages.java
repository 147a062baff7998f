package dev.genstore.console.internal;

/** Every page of the console, registered on its server. */
final class Pages {
    private Pages() {
    }

    static void register(ConsoleServer server) {
        OverviewPage.register(server);
        JobPages.register(server);
        UserPages.register(server);
        ImagePages.register(server);
        PromptPages.register(server);
        BudgetPages.register(server);
        HealthPages.register(server);
    }
}
