// BambuserCart's containment of WebRTC, installed in every page under test before its scripts.
// WebRTC reaches STUN and TURN servers over UDP, which no request route can see: an ICE server on
// a host outside this machine is removed from the configuration (so nothing is sent to it) and
// reported to the harness. The browser is also started so that WebRTC sends no UDP it does not
// proxy, and the proxy goes nowhere: this script is what makes the attempt visible.
(function () {
  'use strict';

  const report = window.__bambuserCartContainment;
  const Native = window.RTCPeerConnection;
  if (typeof Native !== 'function' || typeof report !== 'function') return;

  const loopback = (host) => host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === '::1';

  // "stun:host:port", "turn:host:port?transport=tcp", "turns:host" → host.
  function hostOf(url) {
    const match = /^(stun|stuns|turn|turns):(\[[^\]]+\]|[^:?]+)/i.exec(String(url).trim());
    return match ? match[2].toLowerCase() : null;
  }

  function contained(configuration) {
    if (!configuration || !Array.isArray(configuration.iceServers)) return configuration;
    const iceServers = configuration.iceServers.map((server) => {
      const urls = [].concat(server && server.urls !== undefined ? server.urls : []);
      const kept = urls.filter((url) => {
        const host = hostOf(url);
        if (host && loopback(host)) return true;
        report(`WEBRTC ${url}`);
        return false;
      });
      return { ...server, urls: kept };
    }).filter((server) => server.urls.length > 0);
    return { ...configuration, iceServers };
  }

  class RTCPeerConnection extends Native {
    constructor(configuration, ...rest) {
      super(contained(configuration), ...rest);
    }

    setConfiguration(configuration) {
      return super.setConfiguration(contained(configuration));
    }
  }

  window.RTCPeerConnection = RTCPeerConnection;
  if (window.webkitRTCPeerConnection) window.webkitRTCPeerConnection = RTCPeerConnection;
})();
