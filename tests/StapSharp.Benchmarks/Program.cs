switch (args)
{
    case ["vm-transport", .. var rest]:
        return await StapSharp.Benchmarks.Vm.VmTransportBenchmark.RunAsync(rest);
    case ["vm-boot", .. var rest]:
        return await StapSharp.Benchmarks.Vm.VmBootBenchmark.RunAsync(rest);
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
