package io.cdp.testinfra.architecture.cyclic.right;

import io.cdp.testinfra.architecture.cyclic.left.Left;

public class Right {

	Left left;

}
