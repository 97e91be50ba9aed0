export interface Config {
  lakehouse?: {
    /**
     * A token the plugin's standalone dev app sends to the lakehouse backend (there is no
     * sign-in in the dev app). Local development only: in a Backstage app the signed-in
     * user's token is used and this must stay unset.
     * @visibility frontend
     */
    devToken?: string;
  };
}
