import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Monotonic seconds.
func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Times `body` `runs` times; returns the sorted durations in seconds.
func measure(runs: Int, _ body: () -> Void) -> [Double] {
  var times: [Double] = []
  for _ in 0..<runs {
    let start = now()
    body()
    times.append(now() - start)
  }
  return times.sorted()
}

func median(_ sorted: [Double]) -> Double {
  guard !sorted.isEmpty else { return .nan }
  let n = sorted.count
  return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
  guard !sorted.isEmpty else { return .nan }
  let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
  return sorted[max(0, index)]
}

/// Peak resident memory of this process so far, in MiB.
func peakMemoryMiB() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}

/// Runs a program and waits; returns its exit status and what it printed.
@discardableResult
func runProgram(_ path: String, _ arguments: [String], captureOutput: Bool = false) -> (
  status: Int32, output: String, peakMiB: Double
) {
  var pipeFDs: [Int32] = [0, 0]
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  let devnull = open("/dev/null", O_RDWR)
  posix_spawn_file_actions_adddup2(&actions, devnull, 0)
  posix_spawn_file_actions_adddup2(&actions, devnull, 2)
  if captureOutput {
    pipe(&pipeFDs)
    for fd in pipeFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
  } else {
    posix_spawn_file_actions_adddup2(&actions, devnull, 1)
  }
  var pid: pid_t = 0
  var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
  defer { for p in argv { free(p) } }
  let spawned = posix_spawnp(&pid, path, &actions, nil, &argv, environ)
  posix_spawn_file_actions_destroy(&actions)
  close(devnull)
  guard spawned == 0 else { return (-1, "", .nan) }
  var output: [UInt8] = []
  if captureOutput {
    close(pipeFDs[1])
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = read(pipeFDs[0], &chunk, chunk.count)
      if n <= 0 { break }
      output += chunk[0..<n]
    }
    close(pipeFDs[0])
  }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  return ((status >> 8) & 0xFF, String(decoding: output, as: UTF8.self), Double(usage.ru_maxrss) / 1024)
}

/// Whether a program can be found on PATH.
func onPath(_ name: String) -> Bool {
  runProgram("/bin/sh", ["-c", "command -v \(name)"]).status == 0
}

func format(_ value: Double, _ digits: Int = 2) -> String {
  guard value.isFinite else { return "—" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  var text = String(rounded)
  if let dot = text.firstIndex(of: ".") {
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
  } else if digits > 0 {
    text += "." + String(repeating: "0", count: digits)
  }
  return text
}

/// Runs a program under GNU time and returns its own peak memory in MiB.
/// (The rusage of a posix_spawn child counts the parent's memory too: the
/// child runs on the parent's pages until it execs.)
func peakMemoryOfProgram(_ path: String, _ arguments: [String]) -> (status: Int32, peakMiB: Double) {
  let report = scratch + "/time-\(getpid()).txt"
  let status = runProgram("/usr/bin/time", ["-f", "%M", "-o", report, path] + arguments).status
  var text = ""
  if let file = fopen(report, "r") {
    var buffer = [CChar](repeating: 0, count: 256)
    while fgets(&buffer, Int32(buffer.count), file) != nil {
      text += String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    fclose(file)
  }
  let kilobytes = text.split(separator: "\n").last.flatMap { Double($0) } ?? .nan
  return (status, kilobytes / 1024)
}

/// "p50 X ms, p99 Y ms" of sorted times in seconds.
func p50p99(_ sorted: [Double]) -> String {
  "p50 \(format(median(sorted) * 1000)) ms, p99 \(format(percentile(sorted, 99) * 1000)) ms"
}

/// Runs each line in the session, timed; a failure is reported on stderr.
/// Returns the times in seconds, sorted.
func timeCommands(_ session: Session, _ lines: [String]) -> [Double] {
  var times: [Double] = []
  for line in lines {
    let start = now()
    let outcome = session.execute(line)
    times.append(now() - start)
    if case .failure(let error)? = outcome.first { fputs("annotate-bench: \(line): \(error.message)\n", stderr) }
  }
  return times.sorted()
}
