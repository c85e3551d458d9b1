/* window.API, the SCORM 1.2 API a SCO finds by walking window.parent: the same session calls
 * under their 1.2 names (the differences are in the rules: codes, elements, types). */
export function installApi12(session) {
  window.API = {
    LMSInitialize: (param) => session.Initialize(param),
    LMSFinish: (param) => session.Terminate(param),
    LMSGetValue: (element) => session.GetValue(element),
    LMSSetValue: (element, value) => session.SetValue(element, value),
    LMSCommit: (param) => session.Commit(param),
    LMSGetLastError: () => session.GetLastError(),
    LMSGetErrorString: (code) => session.GetErrorString(code),
    LMSGetDiagnostic: (code) => session.GetDiagnostic(code)
  };
}
