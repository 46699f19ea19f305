package io.cdp.population;

import java.util.HashMap;
import java.util.Map;

/** Groups of linked keys, each named by one of its keys. */
final class UnionFind {

	private final Map<String, String> parents = new HashMap<>();

	String find(String node) {
		String parent = this.parents.getOrDefault(node, node);
		if (parent.equals(node)) {
			return node;
		}
		String root = find(parent);
		this.parents.put(node, root);
		return root;
	}

	void union(String left, String right) {
		String leftRoot = find(left);
		String rightRoot = find(right);
		if (!leftRoot.equals(rightRoot)) {
			this.parents.put(leftRoot, rightRoot);
		}
	}

}
