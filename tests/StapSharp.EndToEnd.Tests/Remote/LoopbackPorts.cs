using System.Net;
using System.Net.Sockets;

namespace StapSharp.EndToEnd.Tests.Remote;

internal static class LoopbackPorts
{
    /// <summary>A loopback port nothing listens on: bound and closed at once.</summary>
    public static int Closed()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
