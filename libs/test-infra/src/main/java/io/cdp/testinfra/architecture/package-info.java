/**
 * The module rules of a service, checked by its architecture test: feature packages form
 * no cycle, each uses only the features it declares, nobody reaches into another
 * feature's sub-packages, and the cross-cutting {@code system} package knows no feature.
 */
@NullMarked
package io.cdp.testinfra.architecture;

import org.jspecify.annotations.NullMarked;
