/** Runnable demos a new user starts from. */
package dev.modelmonitor.examples;
