package io.cdp.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;

import io.cdp.bench.fault.FaultOptions;
import io.cdp.bench.fault.FaultReport;
import io.cdp.bench.fault.FaultResult;
import io.cdp.bench.fault.FaultRun;
import io.cdp.bench.fault.StoreAudit;
import io.cdp.bench.report.ResultFiles;
import org.jspecify.annotations.Nullable;

/**
 * {@code bench/fault.sh}: the fault test against the stack of a run folder. Writes
 * {@code fault-latest.md} and {@code fault-latest.json}; exits 0 when every event that
 * got a 200 is stored exactly once, 1 when one is missing or duplicated, 2 when the test
 * could not run. See {@link FaultOptions#USAGE}.
 */
public final class FaultCommand {

	private FaultCommand() {
	}

	public static void main(String[] arguments) {
		PrintStream out = System.out;
		if (arguments.length > 0 && (arguments[0].equals("--help") || arguments[0].equals("-h"))) {
			out.print(FaultOptions.USAGE);
			return;
		}
		FaultOptions options;
		try {
			options = FaultOptions.parse(arguments, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			out.print(FaultOptions.USAGE);
			System.exit(2);
			return;
		}
		try {
			FaultReport report = FaultRun.run(options, out);
			ResultFiles.writeFaultTest(report, options.out());
			summary(report, out, options.out());
			System.exit(exitStatus(report));
		}
		catch (IOException | SQLException | RuntimeException ex) {
			out.println("fault test: " + ex.getMessage());
			ex.printStackTrace(System.err);
			System.exit(2);
		}
	}

	private static int exitStatus(FaultReport report) {
		if (!report.passed()) {
			return 1;
		}
		return report.faults().stream().allMatch(FaultResult::asPlanned) ? 0 : 2;
	}

	private static void summary(FaultReport report, PrintStream out, Path dir) {
		StoreAudit audit = report.audit();
		out.println();
		out.printf("Events made %,d; accepted (200) %,d; rejected %,d; refused %,d; unacknowledged at the end %,d%n",
				report.load().eventsMade(), report.load().eventsAccepted(), report.load().eventsRejected(),
				report.load().eventsRefused(), report.load().eventsAbandoned());
		out.printf(
				"Requests %,d, retried %,d; stored once %,d; MISSING %,d; DUPLICATES %,d; stored without a 200 %,d%n",
				report.load().requests(), report.load().retries(), audit.storedOnce(), audit.missing(),
				audit.duplicated(), audit.storedWithoutAcknowledgement());
		for (FaultResult fault : report.faults()) {
			out.printf("  %-40s ready after %s, events flowing again after %s%s%n", fault.action(),
					seconds(fault.readyAfter()), seconds(fault.flowingAfter()),
					fault.error().isEmpty() ? "" : " (" + fault.error() + ")");
		}
		out.println((report.passed() ? "PASSED" : "FAILED") + " in %.1f minutes: ".formatted(report.seconds() / 60)
				+ dir.resolve("fault-latest.md"));
	}

	private static String seconds(@Nullable Double seconds) {
		return (seconds == null) ? "never" : "%.1f s".formatted(seconds);
	}

}
