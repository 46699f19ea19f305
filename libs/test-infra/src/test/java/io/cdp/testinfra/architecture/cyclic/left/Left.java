package io.cdp.testinfra.architecture.cyclic.left;

import io.cdp.testinfra.architecture.cyclic.right.Right;

public class Left {

	Right right;

}
