if (args is ["vm-transport", .. var rest])
    return await StapSharp.Benchmarks.VmTransport.VmTransportBenchmark.RunAsync(rest);

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
