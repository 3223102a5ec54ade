/** What a signed-in client reads when there is nothing to list, besides the access problems (access-problems/). */
export const portalWords = {
  unavailableTitle: "Project information unavailable",
  unavailable: (firmName: string) => `${firmName}'s project system is not answering right now, and there is no recent copy to show.`,
  notConnectedTitle: "No project information yet",
  notConnected: (firmName: string) => `${firmName} has not connected this portal to their project records yet. Please check back later, or contact ${firmName}.`,
  notYourCompany: "That company is not one of yours. Pick one from the list.",
};
