/**
 * The sample's HTTP API ({@code /api/*}) used by the page and by tests outside the project.
 */
@NullMarked
package app.pieces.sample.web;

import org.jspecify.annotations.NullMarked;
