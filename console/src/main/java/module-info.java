/**
 * The operator's console: {@code GenstoreConsole}, a web application over a store on the JDK's HTTP server. Its pages,
 * handlers and assets ({@code dev.genstore.console.internal}, {@code dev/genstore/console/assets}) are not exported.
 */
module dev.genstore.console {
    requires transitive dev.genstore.core;
    requires jdk.httpserver;
    requires org.slf4j;

    exports dev.genstore.console;
}
