package io.cdp.profile.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The reference the identity protocol is checked against: a plain in-memory union-find
 * with path compression over identifier keys.
 */
final class UnionFind {

	private final Map<String, String> parent = new HashMap<>();

	String find(String key) {
		String root = this.parent.getOrDefault(key, key);
		if (root.equals(key)) {
			this.parent.putIfAbsent(key, key);
			return key;
		}
		String top = find(root);
		this.parent.put(key, top);
		return top;
	}

	void union(String a, String b) {
		String rootA = find(a);
		String rootB = find(b);
		if (!rootA.equals(rootB)) {
			this.parent.put(rootA, rootB);
		}
	}

	Set<String> members(String root) {
		Set<String> members = new HashSet<>();
		String top = find(root);
		for (String key : new ArrayList<>(this.parent.keySet())) {
			if (find(key).equals(top)) {
				members.add(key);
			}
		}
		return members;
	}

}
