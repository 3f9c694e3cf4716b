using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Vigil.Tests.Parts;

/// <summary>
/// xunit's own framework, except that a test needing a part of the machine that is absent (and not required here)
/// is not discovered at all: skipping each one would print a few lines per test (hundreds on a machine with only the
/// .NET SDK), where one test per part (<c>SystemPartsTests</c>) says what is missing and what to install.
/// </summary>
public sealed class PartAwareTestFramework : XunitTestFramework
{
    /// <summary>How many tests each absent part kept out of this run.</summary>
    public static ConcurrentDictionary<SystemPart, int> LeftOut { get; } = new();

    protected override ITestFrameworkDiscoverer CreateDiscoverer(Assembly assembly) =>
        new Discoverer(base.CreateDiscoverer(assembly));

    /// <summary>The parts a test needs: on its method, its class, or the fixtures its class is given.</summary>
    public static IEnumerable<SystemPart> Needs(Type testClass, MethodInfo method)
    {
        var fixtures = testClass.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .Concat(testClass.GetInterfaces().Where(i => i.IsGenericType).SelectMany(i => i.GetGenericArguments()));
        return new[] { testClass, method.DeclaringType! }.Concat(fixtures)
            .SelectMany(t => t.GetCustomAttributes<NeedsAttribute>(inherit: true))
            .Concat(method.GetCustomAttributes<NeedsAttribute>(inherit: true))
            .Select(a => a.Part)
            .Distinct();
    }

    private sealed class Discoverer(ITestFrameworkDiscoverer inner) : ITestFrameworkDiscoverer, IAsyncDisposable
    {
        public ITestAssembly TestAssembly => inner.TestAssembly;

        public ValueTask Find(Func<ITestCase, ValueTask<bool>> callback, ITestFrameworkDiscoveryOptions discoveryOptions, Type[]? types = null, CancellationToken? cancellationToken = null)
        {
            LeftOut.Clear();
            return inner.Find(testCase =>
            {
                if (testCase is IXunitTestCase { TestClass.Class: var type, TestMethod.Method: var method }
                    && Needs(type, method).Where(SystemParts.IsLeftOut).ToList() is { Count: > 0 } absent)
                {
                    foreach (var part in absent)
                    {
                        LeftOut.AddOrUpdate(part, 1, (_, n) => n + 1);
                    }
                    return ValueTask.FromResult(true);
                }
                return callback(testCase);
            }, discoveryOptions, types, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            switch (inner)
            {
                case IAsyncDisposable a:
                    await a.DisposeAsync();
                    break;
                case IDisposable d:
                    d.Dispose();
                    break;
            }
        }
    }
}
