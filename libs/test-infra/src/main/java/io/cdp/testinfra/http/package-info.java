/**
 * A plain HTTP/1.1 client for tests that must send what well-behaved clients refuse to:
 * malformed percent-encoding, NUL and non-ASCII bytes in headers, any method name.
 */
@NullMarked
package io.cdp.testinfra.http;

import org.jspecify.annotations.NullMarked;
