/** The operator's console: {@link dev.genstore.console.GenstoreConsole}, a web application over a store. */
package dev.genstore.console;
